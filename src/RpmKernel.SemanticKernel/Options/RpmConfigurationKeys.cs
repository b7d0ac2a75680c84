using Microsoft.Extensions.Configuration;
using RpmKernel.Core.Errors;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// The keys <see cref="RpmOptions"/> binds, read from its type graph, and the keys of a configuration
/// section that bind to nothing. The binder ignores a misspelt key silently (<c>Rpm:Chat:Modle</c>
/// leaves the default model in place), so such a key is refused instead, with the nearest valid one.
/// Dictionary keys (<c>Prompts:Versions:&lt;stage&gt;</c>, <c>Pricing:Models:&lt;model&gt;</c>) are free;
/// the properties of their values are not. Values of the wrong type are the binder's to report.
/// </summary>
internal static class RpmConfigurationKeys
{
    private const string Advice = "Check the spelling (keys are case-insensitive and listed in the configuration table of README.md).";

    private static readonly Lazy<RpmSettingNode> s_options = new(() => RpmSettingNode.For(typeof(RpmOptions)));

    /// <summary>
    /// Sections under <c>Rpm</c> that another package binds and checks (<c>Rpm:Server</c>: RpmKernel.AspNetCore),
    /// so they are neither unknown here nor part of <see cref="RpmOptions"/>.
    /// </summary>
    public static IReadOnlyList<string> ExternalSections { get; } = ["Server"];

    /// <summary>Every valid key under <c>Rpm</c>, with <c>&lt;key&gt;</c> standing for a free dictionary key.</summary>
    public static IEnumerable<string> All => s_options.Value.Keys(RpmOptions.SectionName);

    /// <summary>The keys under <paramref name="rpmSection"/> (the <c>Rpm</c> section) that no option binds, in configuration order.</summary>
    public static IReadOnlyList<UnknownRpmSetting> FindUnknown(IConfiguration rpmSection)
    {
        ArgumentNullException.ThrowIfNull(rpmSection);
        var path = rpmSection is IConfigurationSection section ? section.Path : "";
        var unknown = new List<UnknownRpmSetting>();
        foreach (var child in rpmSection.GetChildren())
        {
            if (!ExternalSections.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                WalkChild(child, path, s_options.Value, unknown);
            }
        }

        return unknown;
    }

    /// <summary>
    /// The keys under <paramref name="section"/> (such as <c>Rpm:Server</c>) that <paramref name="optionsType"/>,
    /// the options bound from it by another package, does not bind.
    /// </summary>
    public static IReadOnlyList<UnknownRpmSetting> FindUnknown(IConfigurationSection section, Type optionsType)
    {
        ArgumentNullException.ThrowIfNull(section);
        ArgumentNullException.ThrowIfNull(optionsType);
        var unknown = new List<UnknownRpmSetting>();
        Walk(section, section.Path, RpmSettingNode.For(optionsType), unknown);
        return unknown;
    }

    /// <summary>
    /// Throws <see cref="RpmInputException"/> with one line naming every unknown key under
    /// <paramref name="rpmSection"/> and its nearest valid key; does nothing when every key is known.
    /// </summary>
    public static void ThrowIfUnknown(IConfiguration rpmSection)
    {
        var unknown = FindUnknown(rpmSection);
        if (unknown.Count > 0)
        {
            throw new RpmInputException(Describe(unknown));
        }
    }

    /// <summary>The one-line message for <paramref name="unknown"/>, for example <c>Unknown setting Rpm:Chat:Modle; did you mean Rpm:Chat:Model? ...</c>.</summary>
    public static string Describe(IReadOnlyList<UnknownRpmSetting> unknown)
    {
        ArgumentNullException.ThrowIfNull(unknown);
        if (unknown.Count == 0)
        {
            throw new ArgumentException("There is no unknown setting to describe.", nameof(unknown));
        }

        return unknown.Count == 1
            ? $"Unknown setting {unknown[0].Key}; {unknown[0].Hint} {Advice}"
            : $"Unknown settings {string.Join("; ", unknown.Select(u => $"{u.Key} ({u.Hint})"))}. {Advice}";
    }

    private static void Walk(IConfiguration section, string canonicalPath, RpmSettingNode node, List<UnknownRpmSetting> unknown)
    {
        foreach (var child in section.GetChildren())
        {
            WalkChild(child, canonicalPath, node, unknown);
        }
    }

    private static void WalkChild(IConfigurationSection child, string canonicalPath, RpmSettingNode node, List<UnknownRpmSetting> unknown)
    {
        if (node.TryGetProperty(child.Key, out var name, out var property))
        {
            Walk(child, RpmSettingNode.Combine(canonicalPath, name), property, unknown);
        }
        else if (node.Entry is not null)
        {
            Walk(child, RpmSettingNode.Combine(canonicalPath, child.Key), node.Entry, unknown);
        }
        else
        {
            unknown.Add(new UnknownRpmSetting(
                child.Path,
                Nearest(child.Key, canonicalPath, node),
                canonicalPath,
                node.Properties.Select(p => p.Name).ToList()));
        }
    }

    /// <summary>
    /// The nearest key at the same level; failing that, keys deeper down with exactly this name
    /// (<c>Rpm:Model</c> suggests <c>Rpm:Chat:Model</c> and <c>Rpm:Embeddings:Model</c>).
    /// </summary>
    private static List<string> Nearest(string key, string canonicalPath, RpmSettingNode node)
    {
        var best = node.Properties
            .Select(p => (p.Name, Near: KeyDistance.IsNear(key, p.Name, out var distance), Distance: distance))
            .Where(c => c.Near)
            .OrderBy(c => c.Distance)
            .Select(c => RpmSettingNode.Combine(canonicalPath, c.Name))
            .Take(1)
            .ToList();
        if (best.Count > 0)
        {
            return best;
        }

        // A key under a free dictionary key (Chat:Stages:<key>:Model) is suggested only when no plain key has the name.
        var suffix = ":" + key;
        var deeper = node.Keys(canonicalPath).Where(k => k.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)).ToList();
        var plain = deeper.Where(k => !k.Contains("<key>", StringComparison.Ordinal)).ToList();
        return (plain.Count > 0 ? plain : deeper).Take(3).ToList();
    }
}
