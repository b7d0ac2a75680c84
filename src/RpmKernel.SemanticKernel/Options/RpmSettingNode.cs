using System.ComponentModel;
using System.Reflection;

namespace RpmKernel.SemanticKernel.Options;

/// <summary>
/// One level of the keys an options type binds: its properties by name (case-insensitive), or, for a
/// dictionary or list, free keys whose values share one shape, or a single value with nothing under it.
/// </summary>
internal sealed class RpmSettingNode
{
    private readonly List<(string Name, RpmSettingNode Node)> _properties = [];

    private RpmSettingNode()
    {
    }

    /// <summary>The properties in declaration order, with their canonical spelling.</summary>
    public IReadOnlyList<(string Name, RpmSettingNode Node)> Properties => _properties;

    /// <summary>The shape of every entry when this level is a dictionary or list (free keys); otherwise null.</summary>
    public RpmSettingNode? Entry { get; private set; }

    /// <summary>Whether this level is a single value (string, number, enum, URI, time span...).</summary>
    public bool IsValue { get; private set; }

    /// <summary>The keys of <paramref name="type"/> as the configuration binder sees them.</summary>
    public static RpmSettingNode For(Type type) => For(type, []);

    /// <summary>The property named <paramref name="key"/>, ignoring case.</summary>
    public bool TryGetProperty(string key, out string name, out RpmSettingNode node)
    {
        foreach (var property in _properties)
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                (name, node) = property;
                return true;
            }
        }

        (name, node) = (key, this);
        return false;
    }

    /// <summary>Every full key below this level, with <c>&lt;key&gt;</c> for a free dictionary key.</summary>
    public IEnumerable<string> Keys(string path)
    {
        if (IsValue)
        {
            yield return path;
        }

        foreach (var (name, node) in _properties)
        {
            foreach (var key in node.Keys(Combine(path, name)))
            {
                yield return key;
            }
        }

        if (Entry is not null)
        {
            foreach (var key in Entry.Keys(Combine(path, "<key>")))
            {
                yield return key;
            }
        }
    }

    /// <summary>Joins configuration path segments.</summary>
    public static string Combine(string path, string key) => path.Length == 0 ? key : $"{path}:{key}";

    private static RpmSettingNode For(Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var node = new RpmSettingNode();
        if (IsValueType(type))
        {
            node.IsValue = true;
            return node;
        }

        if (EntryType(type) is { } entry)
        {
            node.Entry = For(entry, visiting);
            return node;
        }

        // A type that refers to itself would recurse forever; its inner level is left open-ended as a value.
        if (!visiting.Add(type))
        {
            node.IsValue = true;
            return node;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            // The binder also fills a get-only collection or options object in place (RpmServerOptions.ApiKeys).
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true }
                && (property.SetMethod is { IsPublic: true } || !IsValueType(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType)))
            {
                node._properties.Add((property.Name, For(property.PropertyType, visiting)));
            }
        }

        visiting.Remove(type);
        return node;
    }

    private static bool IsValueType(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(object)
        || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static Type? EntryType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        var interfaces = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        Type? enumerable = null;
        foreach (var candidate in interfaces.Where(i => i.IsGenericType))
        {
            var definition = candidate.GetGenericTypeDefinition();
            if (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                return candidate.GetGenericArguments()[1];
            }

            if (definition == typeof(IEnumerable<>))
            {
                enumerable = candidate.GetGenericArguments()[0];
            }
        }

        return enumerable;
    }
}
