using System.Reflection.PortableExecutable;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>Whether an assembly carries precompiled (ReadyToRun) code beside its IL.</summary>
internal static class ReadyToRunImage
{
    public static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        return IsReadyToRun(new PEReader(stream));
    }

    /// <summary>An assembly read from a stream that need not seek (a zip entry): it is copied to memory first.</summary>
    public static bool IsReadyToRun(Stream assembly)
    {
        using var copy = new MemoryStream();
        assembly.CopyTo(copy);
        copy.Position = 0;
        return IsReadyToRun(new PEReader(copy));
    }

    private static bool IsReadyToRun(PEReader pe)
    {
        using (pe)
        {
            return pe.PEHeaders.CorHeader is { } header && header.ManagedNativeHeaderDirectory.Size > 0;
        }
    }
}
