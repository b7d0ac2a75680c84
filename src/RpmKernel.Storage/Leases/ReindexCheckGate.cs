using System.Runtime.CompilerServices;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Leases;

/// <summary>
/// Makes the writers of one process take turns at the reindex check of one store. A writer checks for a
/// running reindex by taking the store-wide <see cref="ReindexLease"/> and giving it back at once; two
/// writers checking at the same moment (the ingests of several users finishing their batches together)
/// would each find the other's check holding it, take it for a reindex and wait a whole poll (250 ms) for
/// nothing, so the users' ingests ended one poll after another. Checks in turn see only a real reindex (or
/// another process's check) there. Each check is two short store writes, so the turns cost next to nothing.
/// </summary>
internal static class ReindexCheckGate
{
    private static readonly ConditionalWeakTable<IUserWriteLeases, SemaphoreSlim> s_gates = [];

    /// <summary>Runs <paramref name="check"/> while no other writer of this process checks <paramref name="leases"/>.</summary>
    public static async Task<bool> RunAsync(IUserWriteLeases leases, Func<Task<bool>> check)
    {
        var gate = s_gates.GetValue(leases, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            return await check().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
