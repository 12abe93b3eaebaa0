namespace AqNano.Verifier.App.Tests.Support;

/// <summary>Finds files of the repository (the folder holding AqNano.sln) from the test's output folder.</summary>
public static class RepositoryFiles
{
    public static string Path(string relative)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder != null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "AqNano.sln"))) return System.IO.Path.Combine(folder.FullName, relative);
        }
        throw new InvalidOperationException("AqNano.sln not found above " + AppContext.BaseDirectory);
    }
}
