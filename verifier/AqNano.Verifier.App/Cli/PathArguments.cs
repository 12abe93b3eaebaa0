namespace AqNano.Verifier.App.Cli;

/// <summary>File arguments checked before anything is opened: a missing input is named in full; an
/// output must be a plain file (not a directory, not a symbolic link, so that nothing is written
/// somewhere other than where the user pointed) in a folder that exists.</summary>
public static class PathArguments
{
    public static bool TryExistingFile(string given, out string fullPath, out string error)
    {
        fullPath = Path.GetFullPath(given);
        error = "";
        if (Directory.Exists(fullPath)) error = $"{fullPath} is a folder, not a file";
        else if (!File.Exists(fullPath)) error = $"file not found: {fullPath}";
        return error.Length == 0;
    }

    /// <summary>A file to create or append to. <paramref name="createFolder"/> allows making its folder
    /// (for the default data folder only; a folder the user names must exist).</summary>
    public static bool TryWritableFile(string given, bool createFolder, out string fullPath, out string error)
    {
        error = "";
        fullPath = "";
        if (string.IsNullOrWhiteSpace(given) || given.EndsWith('/') || given.EndsWith(Path.DirectorySeparatorChar))
        {
            error = $"'{given}' names no file";
            return false;
        }
        fullPath = Path.GetFullPath(given);
        string folder = Path.GetDirectoryName(fullPath)!;
        if (Directory.Exists(fullPath)) error = $"{fullPath} is a folder, not a file";
        else if (new FileInfo(fullPath).LinkTarget != null) error = $"{fullPath} is a symbolic link; give the real file";
        else if (!Directory.Exists(folder) && !createFolder) error = $"folder not found: {folder}";
        if (error.Length > 0) return false;
        Directory.CreateDirectory(folder);
        return true;
    }
}
