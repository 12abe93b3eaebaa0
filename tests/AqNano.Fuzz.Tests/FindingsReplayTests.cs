using AqNano.Fuzz.Campaign;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Tests;

/// <summary>Regression replay of the saved inputs under findings/ (issue 7: "Findings become regression
/// tests"). A file named {target}-{outcome}-{hash}.bin must still run through its target without throwing
/// and still get the outcome its name records; AFL++ crash files dropped into findings/{target}/ must
/// no longer throw.</summary>
public class FindingsReplayTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "findings");

    public static TheoryData<string> Inputs()
    {
        var data = new TheoryData<string>();
        foreach (string path in FindingsFolder.Inputs(Folder)) data.Add(Path.GetRelativePath(Folder, path));
        return data;
    }

    [Fact]
    public void The_regression_folder_is_not_empty()
    {
        Assert.NotEmpty(FindingsFolder.Inputs(Folder));
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public void A_saved_input_runs_clean_and_keeps_its_outcome(string relativePath)
    {
        string targetName = relativePath.Split(Path.DirectorySeparatorChar)[0];
        string fileName = Path.GetFileNameWithoutExtension(relativePath);
        string outcome = TargetCatalog.Create(targetName).Execute(File.ReadAllBytes(Path.Combine(Folder, relativePath)));

        string[] parts = fileName.Split('-');
        if (parts.Length == 3 && parts[0] == targetName) Assert.Equal(parts[1], outcome.Replace(':', '_'));
    }
}
