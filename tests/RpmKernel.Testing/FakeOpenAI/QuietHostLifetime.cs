using Microsoft.Extensions.Hosting;

namespace RpmKernel.Testing;

/// <summary>
/// Replaces the console lifetime so an in-process test server neither hooks Ctrl+C / SIGTERM of
/// the test runner nor prints start-up banners.
/// </summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
