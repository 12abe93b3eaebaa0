using System.Text.RegularExpressions;
using AqNano.Verifier.App.Tests.Support;

namespace AqNano.Verifier.App.Tests.Security;

/// <summary>Keeps docs/SECURITY.md honest (issue 7 acceptance: "every row of the SECURITY.md table
/// names a test that exists and passes"): each table row names at least one test by its fully
/// qualified name, and each name resolves, in the sources under tests/, to a method of that class
/// in that namespace carrying [Fact] or [Theory] without a Skip. Passing is the test run's part.</summary>
public sealed partial class SecurityTableTests
{
    [Fact]
    public void Every_row_of_the_security_tables_names_tests_that_exist_and_are_not_skipped()
    {
        var rows = SecurityTableRows();
        Assert.True(rows.Count >= 30, $"only {rows.Count} table rows found in docs/SECURITY.md");
        var sources = TestSources();
        var problems = new List<string>();
        foreach (var row in rows)
        {
            var names = TestName().Matches(row).Select(m => m.Groups[1].Value).ToList();
            if (names.Count == 0) problems.Add("no test named in row: " + row);
            foreach (var name in names)
            {
                if (!Resolves(name, sources)) problems.Add("no such [Fact]/[Theory] (or skipped): " + name);
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_table_covers_every_attack_the_issue_names()
    {
        string table = string.Join("\n", SecurityTableRows()).ToLowerInvariant();
        string[] required = ["oversize", "another device's topics", "decision topic", "replay", "fork", "tamper", "flood",
            "unauthenticated", "csrf", "path", "rateexceeded", "connection limit", "sigkill", "broker restart", "disk full", "read-only"];
        Assert.All(required, word => Assert.Contains(word, table));
        foreach (var reason in Enum.GetNames<AqNano.Protocol.Frames.FrameRejection>().Where(n => n != "None"))
        {
            Assert.Contains("`" + reason.ToLowerInvariant() + "`", table);
        }
    }

    [Fact]
    public void The_resolver_refuses_a_name_that_does_not_exist()
    {
        var sources = TestSources();
        Assert.True(Resolves(typeof(SecurityTableTests).FullName + "." + nameof(The_resolver_refuses_a_name_that_does_not_exist), sources));
        Assert.False(Resolves(typeof(SecurityTableTests).FullName + ".No_such_test", sources));
        Assert.False(Resolves("AqNano.No.Such.Class." + nameof(The_resolver_refuses_a_name_that_does_not_exist), sources));
    }

    /// <summary>Table body rows of docs/SECURITY.md (header and separator rows left out).</summary>
    private static List<string> SecurityTableRows() =>
        File.ReadAllLines(RepositoryFiles.Path("docs/SECURITY.md"))
            .Where(l => l.StartsWith('|') && !l.StartsWith("|---") && !l.StartsWith("| input") && !l.StartsWith("| fault"))
            .ToList();

    private static List<string> TestSources() =>
        Directory.EnumerateFiles(RepositoryFiles.Path("tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/") && !f.Contains("/obj/"))
            .Select(File.ReadAllText).ToList();

    private static bool Resolves(string fullName, List<string> sources)
    {
        int method = fullName.LastIndexOf('.');
        int type = fullName.LastIndexOf('.', method - 1);
        string ns = fullName[..type], cls = fullName[(type + 1)..method], name = fullName[(method + 1)..];
        var declaration = new Regex(@"\[(Fact|Theory)(?<args>[^\]]*)\][^{;]*?\b(void|Task)\s+" + Regex.Escape(name) + @"\s*\(");
        return sources.Any(source =>
            source.Contains("namespace " + ns + ";") && Regex.IsMatch(source, @"\bclass\s+" + Regex.Escape(cls) + @"\b")
            && declaration.Matches(source).Any(m => !m.Groups["args"].Value.Contains("Skip")));
    }

    [GeneratedRegex(@"`(AqNano\.[A-Za-z0-9_.]+)`")]
    private static partial Regex TestName();
}
