using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.SemanticKernel;

namespace RpmKernel.SemanticKernel.Stages;

/// <summary>
/// Chooses the kernel a stage call runs on: the host's kernel that invoked RPM (a plugin function
/// called through it), so its filters, logging and traces see every stage call; otherwise RPM's
/// default kernel, which is built over the host's service provider when RPM was added to one.
/// Either way the call runs on a clone that adds RPM's response-cache filter after the host's own.
/// </summary>
internal sealed class StageKernels
{
    /// <summary>The service key of RPM's chat client (the stage functions' execution settings name it).</summary>
    public const string ChatClientKey = "RpmKernel";

    private static readonly AsyncLocal<Kernel?> Invoking = new();

    private readonly Lazy<Kernel> _default;
    private readonly IPromptRenderFilter? _cacheFilter;

    public StageKernels(Func<Kernel> createDefault, IPromptRenderFilter? cacheFilter)
    {
        _default = new Lazy<Kernel>(createDefault);
        _cacheFilter = cacheFilter;
    }

    /// <summary>The default kernel (RPM's own, or one over the host's services).</summary>
    public Kernel Default => _default.Value;

    /// <summary>Makes <paramref name="kernel"/> the kernel of the stage calls on this async flow until disposed.</summary>
    public static IDisposable UseInvokingKernel(Kernel? kernel) => new InvokingScope(kernel);

    /// <summary>The kernel for the next stage call.</summary>
    public Kernel ForCall()
    {
        var kernel = Invoking.Value is { } invoking && HasRpmChatClient(invoking) ? invoking : _default.Value;
        var clone = kernel.Clone();
        if (_cacheFilter is not null)
        {
            clone.PromptRenderFilters.Add(_cacheFilter);
        }

        return clone;
    }

    /// <summary>True when RPM's chat client can be resolved from <paramref name="kernel"/>'s services.</summary>
    public static bool HasRpmChatClient(Kernel kernel) =>
        kernel.Services is IKeyedServiceProvider keyed && keyed.GetKeyedService<IChatClient>(ChatClientKey) is not null;

    private sealed class InvokingScope : IDisposable
    {
        private readonly Kernel? _previous;

        public InvokingScope(Kernel? kernel)
        {
            _previous = Invoking.Value;
            Invoking.Value = kernel;
        }

        public void Dispose() => Invoking.Value = _previous;
    }
}
