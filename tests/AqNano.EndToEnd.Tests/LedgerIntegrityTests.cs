using AqNano.EndToEnd.Tests.Harness;
using AqNano.Simulator.Scenarios;
using AqNano.Verifier.Lineage;
using Microsoft.Data.Sqlite;

namespace AqNano.EndToEnd.Tests;

/// <summary>Issue 5 acceptance: the ledger of an end-to-end run verifies, and a ledger with one altered byte fails
/// verify at that record (DESIGN.md "Lineage": each record holds the hash of the one before).</summary>
public sealed class LedgerIntegrityTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("aqnano-e2e-ledger-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void OneAlteredByteInTheSqliteFileFailsVerifyAtThatRecord()
    {
        string path = Path.Combine(_folder, "ledger.db");
        LedgerEntry target;
        using (var ledger = new SqliteLedger(path))
        {
            var run = new EndToEndRun(ScenarioCatalogue.Find("tamper"), ledger: ledger);
            run.Execute();
            Assert.True(LedgerVerifier.Verify(ledger).Verified);
            // A frame record from the middle of the run, with the raw bytes the verifier received.
            List<LedgerEntry> frames = ledger.Read().Where(e => e.Kind == "frame").ToList();
            target = frames[frames.Count / 2];
        }
        SqliteConnection.ClearAllPools();
        Assert.False(File.Exists(path + "-wal") && new FileInfo(path + "-wal").Length > 0, "the WAL was not checkpointed on close");

        // Flip one byte of that record's frame where it sits in the file, as anyone holding the file could.
        byte[] file = File.ReadAllBytes(path);
        int at = file.AsSpan().IndexOf(target.Frame);
        Assert.True(at >= 0, "the record's frame bytes are not in the file");
        Assert.Equal(-1, file.AsSpan(at + 1).IndexOf(target.Frame));
        file[at + 40] ^= 0x01;
        File.WriteAllBytes(path, file);

        using var reopened = new SqliteLedger(path, new SqliteLedgerOptions { ReadOnly = true });
        LedgerVerification verification = LedgerVerifier.Verify(reopened);
        Assert.False(verification.Verified);
        Assert.Equal(target.Sequence, verification.FirstBadSequence);
        Assert.Equal(target.Sequence, reopened.Verify());
    }

    [Fact]
    public void EveryRecordOfARunFailsVerifyAtItselfWhenOneOfItsBytesChanges()
    {
        var run = new EndToEndRun(ScenarioCatalogue.Find("mitm-open-witness"));
        run.Execute();
        List<LedgerEntry> records = run.Ledger.Read().ToList();
        Assert.True(LedgerVerifier.Verify(records).Verified);
        Assert.Contains(records, r => r.Kind == "incident");

        // One byte of each kind of field, in records spread over the whole run (every 97th record).
        for (int i = 0; i < records.Count; i += 97)
        {
            LedgerEntry original = records[i];
            LedgerEntry altered = (i / 97 % 3) switch
            {
                0 when original.Frame.Length > 0 => original with { Frame = Flip(original.Frame, original.Frame.Length / 2) },
                1 => original with { Detail = original.Detail[..^1] + (char)(original.Detail[^1] ^ 1) },
                _ => original with { TimeUnixMs = original.TimeUnixMs ^ 1 },
            };
            List<LedgerEntry> copy = [.. records];
            copy[i] = altered;
            Assert.Equal(original.Sequence, LedgerVerifier.Verify(copy).FirstBadSequence);
        }
    }

    private static byte[] Flip(byte[] bytes, int index)
    {
        byte[] copy = (byte[])bytes.Clone();
        copy[index] ^= 0x01;
        return copy;
    }
}
