using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage;

/// <summary>
/// Leases held in this process only: they serialise writers that share one <see cref="RpmStorage"/>
/// (the InMemory store, and Qdrant within one process), not writers in other processes or machines.
/// </summary>
internal sealed class ProcessUserWriteLeases(TimeProvider time) : IUserWriteLeases
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string UserId, string Task), (string Owner, DateTimeOffset Expires)> _leases = [];

    public Task<string?> TryAcquireAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_leases.TryGetValue((userId, task), out var held) && held.Owner != owner && held.Expires > now)
            {
                return Task.FromResult<string?>(held.Owner);
            }

            _leases[(userId, task)] = (owner, now + ttl);
            return Task.FromResult<string?>(null);
        }
    }

    public Task<bool> RenewAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_leases.TryGetValue((userId, task), out var held) || held.Owner != owner)
            {
                return Task.FromResult(false);
            }

            _leases[(userId, task)] = (owner, time.GetUtcNow() + ttl);
            return Task.FromResult(true);
        }
    }

    public Task ReleaseAsync(string userId, string task, string owner, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_leases.TryGetValue((userId, task), out var held) && held.Owner == owner)
            {
                _leases.Remove((userId, task));
            }
        }

        return Task.CompletedTask;
    }

    public Task RevokeAsync(string userId, string? task, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            foreach (var key in _leases.Keys.Where(k => k.UserId == userId && (task is null || k.Task == task)).ToList())
            {
                _leases.Remove(key);
            }
        }

        return Task.CompletedTask;
    }
}
