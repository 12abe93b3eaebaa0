using System.Text;
using System.Text.Json;

namespace AqNano.Verifier.Postgres;

/// <summary>The Detail of an anchor record (README.md "Partitioned ledger"): the partition count and
/// every non-empty partition's head, ascending by partition, as
/// <c>{"partitionCount":64,"heads":[{"partition":3,"sequence":17,"hash":"…64 hex…"}]}</c>.
/// The anchor's own PreviousHash is the previous anchor's hash, so the anchors form the fleet chain.
/// A partition missing from the list was empty when the anchor was taken.</summary>
public static class PartitionAnchor
{
    public const string Kind = "anchor";

    /// <summary>The anchor chain's partition number in the table (no device maps to it).</summary>
    public const int ChainPartition = -1;

    public static string Encode(int partitionCount, IReadOnlyList<PartitionHead> heads)
    {
        var text = new StringBuilder();
        text.Append("{\"partitionCount\":").Append(partitionCount).Append(",\"heads\":[");
        for (int i = 0; i < heads.Count; i++)
        {
            if (i > 0) text.Append(',');
            text.Append("{\"partition\":").Append(heads[i].Partition)
                .Append(",\"sequence\":").Append(heads[i].Sequence)
                .Append(",\"hash\":\"").Append(Convert.ToHexStringLower(heads[i].Hash)).Append("\"}");
        }
        return text.Append("]}").ToString();
    }

    /// <summary>Reads an anchor's Detail; false with a one-line <paramref name="problem"/> when it is not
    /// one (it is hashed as stored, so a malformed one can only come from an edit or a foreign writer).</summary>
    public static bool TryParse(string detail, out int partitionCount, out List<PartitionHead> heads, out string problem)
    {
        partitionCount = 0;
        heads = new List<PartitionHead>();
        problem = "";
        try
        {
            using var document = JsonDocument.Parse(detail);
            var root = document.RootElement;
            partitionCount = root.GetProperty("partitionCount").GetInt32();
            foreach (var head in root.GetProperty("heads").EnumerateArray())
            {
                heads.Add(new PartitionHead(head.GetProperty("partition").GetInt32(), head.GetProperty("sequence").GetInt64(),
                    Convert.FromHexString(head.GetProperty("hash").GetString() ?? "")));
            }
            return true;
        }
        catch (Exception failure) when (failure is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            problem = $"anchor detail is not a list of partition heads ({failure.Message})";
            return false;
        }
    }
}
