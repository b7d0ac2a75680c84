namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Creates the database file readable and writable by its owner only (0600, its folder 0700 when
/// created here). SQLite gives the -wal and -shm files the mode of the database file, so they
/// follow. An existing file keeps the mode it has.
/// </summary>
internal static class SqliteFileMode
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    public static void CreatePrivate(string filePath)
    {
        var directory = Path.GetDirectoryName(filePath);
        if (!string.IsNullOrEmpty(directory) && !Directory.Exists(directory))
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, OwnerFolder);
            }
        }

        if (File.Exists(filePath) || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            // An empty file is a valid empty database; CreateNew loses no race to another process.
            using var file = new FileStream(filePath, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = OwnerFile,
            });
        }
        catch (IOException) when (File.Exists(filePath))
        {
            // Another process created it first.
        }
    }
}
