using Microsoft.Extensions.DependencyInjection;
using RpmKernel.SemanticKernel.Hosting;

namespace RpmKernel.AspNetCore.Endpoints;

/// <summary>
/// What <c>/readyz</c> checks: the store answers a read, and the model endpoint answers HTTP at all (any
/// status below 500; no tokens are spent and no key is sent). A host's own chat client is not probed.
/// </summary>
internal sealed class ReadinessProbe(IServiceProvider services) : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http = new() { Timeout = Timeout };

    public async Task<IReadOnlyList<ReadinessCheck>> CheckAsync(CancellationToken cancellationToken)
    {
        var runtime = services.GetService<RpmRuntime>();
        return [await StoreAsync(runtime, cancellationToken).ConfigureAwait(false), await ModelAsync(runtime, cancellationToken).ConfigureAwait(false)];
    }

    public void Dispose() => _http.Dispose();

    private static async Task<ReadinessCheck> StoreAsync(RpmRuntime? runtime, CancellationToken cancellationToken)
    {
        if (runtime is null)
        {
            return new ReadinessCheck("store", true, "not checked: RPM's runtime is not in the services");
        }

        try
        {
            await runtime.Storage.Usage.EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
            _ = await runtime.Storage.Usage.GetAsync("\u0001readyz", cancellationToken).ConfigureAwait(false);
            return new ReadinessCheck("store", true, runtime.Options.Store.Provider.ToString());
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new ReadinessCheck("store", false, $"{runtime.Options.Store.Provider} store failed: {ex.GetType().Name}");
        }
    }

    private async Task<ReadinessCheck> ModelAsync(RpmRuntime? runtime, CancellationToken cancellationToken)
    {
        if (runtime?.Options.Chat.Endpoint is not { } endpoint)
        {
            return new ReadinessCheck("model", true, "not checked: no Rpm:Chat:Endpoint (a hosted service or the host's chat client)");
        }

        try
        {
            var models = new Uri(endpoint.ToString().TrimEnd('/') + "/models");
            using var response = await _http.GetAsync(models, cancellationToken).ConfigureAwait(false);
            var ok = (int)response.StatusCode < 500;
            return new ReadinessCheck("model", ok, ok ? "endpoint answers" : $"endpoint answered HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new ReadinessCheck("model", false, "endpoint unreachable: " + ex.GetType().Name);
        }
    }
}
