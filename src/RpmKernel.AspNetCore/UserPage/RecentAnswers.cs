using RpmKernel.Core.Records;
using RpmKernel.Core.Scopes;

namespace RpmKernel.AspNetCore.UserPage;

/// <summary>
/// The provenance of the last personalize results of each user, in this process only: neither the store nor the
/// usage ledger keeps which records an answer retrieved. Bounded twice — <see cref="PerUser"/> answers per user and
/// task, <see cref="MaxUsers"/> users (the least recently answered is dropped) — and emptied for a user on forget,
/// so it never grows with traffic and never outlives the user's data. A restart or another replica starts empty.
/// </summary>
internal sealed class RecentAnswers(TimeProvider time)
{
    /// <summary>Answers kept per user and task.</summary>
    public const int PerUser = 10;

    /// <summary>Users (stored id and task) kept at most.</summary>
    public const int MaxUsers = 1000;

    private readonly Lock _gate = new();
    private readonly Dictionary<RpmScope, LinkedList<RecentAnswer>> _byScope = [];
    private readonly LinkedList<RpmScope> _order = [];

    /// <summary>Keeps <paramref name="answer"/> as the newest answer of <paramref name="scope"/> (its stored user id).</summary>
    public void Add(RpmScope scope, string via, string? query, PersonalizedAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(answer);
        var recent = new RecentAnswer(time.GetUtcNow(), via, query, answer.QueryFeatures, answer.Answer, answer.Examples);
        lock (_gate)
        {
            if (!_byScope.TryGetValue(scope, out var answers))
            {
                answers = [];
                _byScope[scope] = answers;
            }

            _order.Remove(scope);
            _order.AddFirst(scope);
            answers.AddFirst(recent);
            while (answers.Count > PerUser)
            {
                answers.RemoveLast();
            }

            while (_order.Count > MaxUsers)
            {
                _byScope.Remove(_order.Last!.Value);
                _order.RemoveLast();
            }
        }
    }

    /// <summary>The kept answers of <paramref name="scope"/>, newest first.</summary>
    public IReadOnlyList<RecentAnswer> Of(RpmScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        lock (_gate)
        {
            return _byScope.TryGetValue(scope, out var answers) ? [.. answers] : [];
        }
    }

    /// <summary>Drops what is kept about <paramref name="storedUserId"/> (every task, or only <paramref name="task"/>).</summary>
    public void Forget(string storedUserId, string? task = null)
    {
        ArgumentNullException.ThrowIfNull(storedUserId);
        lock (_gate)
        {
            foreach (var scope in _byScope.Keys.Where(s => s.UserId == storedUserId && (task is null || s.Task == task)).ToList())
            {
                _byScope.Remove(scope);
                _order.Remove(scope);
            }
        }
    }
}
