using RpmKernel.Core.History;

namespace RpmKernel.Cli.History;

/// <summary>One entry of a LaMP questions file: a user and their profile as history items.</summary>
/// <param name="UserId">The entry id.</param>
/// <param name="Items">The profile, mapped to history items.</param>
internal sealed record LampUser(string UserId, IReadOnlyList<HistoryItem> Items);
