namespace RpmKernel.Testing;

/// <summary>A fresh, uniquely named folder under the system temp folder, deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder.</summary>
    public TempDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rpm-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    /// <summary>Full path of the folder.</summary>
    public string Path { get; }

    /// <summary>Full path of a file (or sub-path) inside the folder; nothing is created.</summary>
    /// <param name="name">File name or relative path, such as "rpm.db" or "data/history.jsonl".</param>
    /// <returns>The combined path.</returns>
    public string File(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return System.IO.Path.Combine(Path, name);
    }

    /// <summary>Deletes the folder and everything in it.</summary>
    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Path))
            {
                Directory.Delete(Path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held open (for example a pooled SQLite connection) must not fail the
            // test that already passed; the OS temp cleaner removes the leftover.
        }
        catch (UnauthorizedAccessException)
        {
            // Same reason as above.
        }
    }

    /// <inheritdoc />
    public override string ToString() => Path;
}
