using System.Reflection.PortableExecutable;

namespace RpmKernel.Packaging.Tests.Support;

/// <summary>Whether an assembly carries precompiled (ReadyToRun) code beside its IL.</summary>
internal static class ReadyToRunImage
{
    public static bool IsReadyToRun(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        return pe.PEHeaders.CorHeader is { } header && header.ManagedNativeHeaderDirectory.Size > 0;
    }

    public static bool IsReadyToRun(Stream assembly)
    {
        using var copy = new MemoryStream();
        assembly.CopyTo(copy);
        copy.Position = 0;
        using var pe = new PEReader(copy);
        return pe.PEHeaders.CorHeader is { } header && header.ManagedNativeHeaderDirectory.Size > 0;
    }
}
