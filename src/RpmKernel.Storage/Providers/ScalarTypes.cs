namespace RpmKernel.Storage.Providers;

/// <summary>The data property types every RpmKernel store holds (SQLite maps each to a column type): immutable scalars, so a copied record shares nothing mutable.</summary>
internal static class ScalarTypes
{
    internal const string Supported =
        "string, bool, int, long, short, float, double, Guid, DateTime, DateTimeOffset (or their nullable forms)";

    internal static bool IsSupported(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t == typeof(string) || t == typeof(bool) || t == typeof(int) || t == typeof(long) || t == typeof(short)
            || t == typeof(float) || t == typeof(double) || t == typeof(Guid) || t == typeof(DateTime) || t == typeof(DateTimeOffset);
    }
}
