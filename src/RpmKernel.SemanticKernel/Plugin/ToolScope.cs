using Microsoft.SemanticKernel;
using RpmKernel.Core.Errors;
using RpmKernel.Core.Scopes;

namespace RpmKernel.SemanticKernel.Plugin;

/// <summary>
/// Whose data a tool call touches, decided by the host alone: the plugin instance's scope, else an
/// <see cref="RpmScope"/> object the host put in the invocation's arguments, else the host's accessor.
/// A model's function-call arguments are text or JSON, never an <see cref="RpmScope"/>, so they cannot bind one.
/// </summary>
internal sealed class ToolScope
{
    private readonly RpmScope? _fixed;
    private readonly IRpmScopeAccessor? _accessor;
    private readonly string[] _allowedTasks;

    public ToolScope(RpmScope? fixedScope, IRpmScopeAccessor? accessor, IEnumerable<string> allowedTasks)
    {
        _fixed = fixedScope;
        _accessor = accessor;
        _allowedTasks = [.. allowedTasks.Distinct(StringComparer.Ordinal)];
        foreach (var task in _allowedTasks)
        {
            if (!IsTaskName(task))
            {
                throw new RpmInputException(
                    $"The allowed task '{task}' is not a task name; list bundled or profile names (letters, digits, '-', '_') in RpmToolOptions.AllowedTasks, and bind a profile path with the scope instead.");
            }
        }
    }

    /// <summary>True when the model chooses the task among <see cref="AllowedTasks"/>.</summary>
    public bool ModelChoosesTask => _allowedTasks.Length > 1;

    public IReadOnlyList<string> AllowedTasks => _allowedTasks;

    /// <summary>The bound scope of this call; with <paramref name="task"/> (a model's choice) the same user on that allowed task.</summary>
    public RpmScope Resolve(KernelArguments? arguments, string? task = null)
    {
        var scope = _fixed ?? FromArguments(arguments) ?? _accessor?.Current
            ?? throw new RpmInputException(
                "No user is bound to this call, so RPM refuses it. The host binds the user, never the model: use PersonalizationPlugin.For(scope), "
                + $"register an IRpmScopeAccessor, or set KernelArguments[\"{PersonalizationPlugin.ScopeArgument}\"] = new RpmScope(userId, task).");
        if (task is null)
        {
            return scope;
        }

        if (!_allowedTasks.Contains(task, StringComparer.Ordinal))
        {
            throw new RpmInputException($"The task '{task}' is not allowed here; choose one of: {string.Join(", ", _allowedTasks)}.");
        }

        return new RpmScope(scope.UserId, task);
    }

    private static RpmScope? FromArguments(KernelArguments? arguments)
    {
        if (arguments is null || !arguments.TryGetValue(PersonalizationPlugin.ScopeArgument, out var value) || value is null)
        {
            return null;
        }

        // Anything but the host's own RpmScope object (a string or JSON a model sent) is refused, not parsed.
        return value as RpmScope ?? throw new RpmInputException(
            $"The argument '{PersonalizationPlugin.ScopeArgument}' must be an RpmScope object set by the host; a text or JSON value (as a model would send) is refused.");
    }

    private static bool IsTaskName(string task) =>
        task.Length is > 0 and <= 64 && task.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
