using System.Collections;
using System.Globalization;
using System.Reflection;
using RpmKernel.AspNetCore.Hosting;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Cli.Settings;

/// <summary>One value setting of <see cref="RpmOptions"/>: its full key, its type and its built-in default.</summary>
/// <param name="Key">The full key, such as <c>Rpm:Chat:Timeout</c>.</param>
/// <param name="Type">The value type, nullable unwrapped.</param>
/// <param name="Default">The default as the options object has it, formatted for printing; null when unset.</param>
internal sealed record SettingLeaf(string Key, Type Type, string? Default);

/// <summary>The value settings of <see cref="RpmOptions"/> found by reflection, so a new option is listed without being registered here.</summary>
internal static class SettingTree
{
    private static readonly Lazy<IReadOnlyList<SettingLeaf>> s_leaves = new(() => Walk(new RpmOptions(), RpmOptions.SectionName).ToList());
    private static readonly Lazy<IReadOnlyList<SettingLeaf>> s_serverLeaves = new(() => Walk(new RpmServerOptions(), RpmServerOptions.SectionName).ToList());

    /// <summary>Every value setting, in declaration order; dictionaries (prices, prompt versions) are left to the configuration.</summary>
    public static IReadOnlyList<SettingLeaf> Leaves => s_leaves.Value;

    /// <summary>The keys below which entries are free (a dictionary), such as <c>Rpm:Pricing:Models</c>.</summary>
    public static IReadOnlyList<string> FreeSections { get; } = FindFreeSections(typeof(RpmOptions), RpmOptions.SectionName).ToList();

    /// <summary>The value settings of <c>Rpm:Server</c> (<see cref="RpmServerOptions"/>, read by <c>rpmk serve</c>).</summary>
    public static IReadOnlyList<SettingLeaf> ServerLeaves => s_serverLeaves.Value;

    /// <summary>The keys of <c>Rpm:Server</c> below which entries are free, such as <c>Rpm:Server:ApiKeys</c>.</summary>
    public static IReadOnlyList<string> ServerFreeSections { get; } = FindFreeSections(typeof(RpmServerOptions), RpmServerOptions.SectionName).ToList();

    public static string? Format(object? value) => value switch
    {
        null => null,
        TimeSpan span => span.ToString("c", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Uri uri => uri.OriginalString,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static IEnumerable<SettingLeaf> Walk(object? instance, string path)
    {
        if (instance is null)
        {
            yield break;
        }

        foreach (var property in Properties(instance.GetType()))
        {
            var key = $"{path}:{property.Name}";
            var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsValue(type))
            {
                yield return new SettingLeaf(key, type, Format(property.GetValue(instance)));
            }
            else if (!typeof(IEnumerable).IsAssignableFrom(type))
            {
                foreach (var leaf in Walk(property.GetValue(instance), key))
                {
                    yield return leaf;
                }
            }
        }
    }

    private static IEnumerable<string> FindFreeSections(Type type, string path)
    {
        foreach (var property in Properties(type))
        {
            var key = $"{path}:{property.Name}";
            var propertyType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (IsValue(propertyType))
            {
                continue;
            }

            if (typeof(IEnumerable).IsAssignableFrom(propertyType))
            {
                yield return key;
                continue;
            }

            foreach (var inner in FindFreeSections(propertyType, key))
            {
                yield return inner;
            }
        }
    }

    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.GetMethod is not null);

    private static bool IsValue(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(TimeSpan) || type == typeof(Uri);
}
