using System.Globalization;
using RpmKernel.Storage.Abstractions;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Leases as rows of one table in the database file, so they hold across processes: taking one is
/// a single compare-and-set statement (insert, or take over only when the holder's lease expired),
/// and <c>forget</c> deletes the rows in the same transaction as the user's data.
/// </summary>
internal sealed class SqliteUserWriteLeases(SqliteDatabase database, TimeProvider time) : IUserWriteLeases
{
    /// <summary>The lease table; its UserId and Task columns let the forget transaction delete a user's leases like any row.</summary>
    public const string Table = "__rpm_user_leases";

    private const string Create =
        $"CREATE TABLE IF NOT EXISTS \"{Table}\" (\"UserId\" TEXT NOT NULL, \"Task\" TEXT NOT NULL, \"Owner\" TEXT NOT NULL, \"Expires\" INTEGER NOT NULL, PRIMARY KEY (\"UserId\", \"Task\"));";

    public Task<string?> TryAcquireAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        database.RunWriteAsync(Table, "AcquireLease", async connection =>
        {
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            var sql = Create + $" INSERT INTO \"{Table}\" (\"UserId\", \"Task\", \"Owner\", \"Expires\") VALUES (@user, @task, @owner, @expires)"
                + $" ON CONFLICT (\"UserId\", \"Task\") DO UPDATE SET \"Owner\" = excluded.\"Owner\", \"Expires\" = excluded.\"Expires\""
                + $" WHERE \"{Table}\".\"Owner\" = excluded.\"Owner\" OR \"{Table}\".\"Expires\" < @now;"
                + $" SELECT \"Owner\" FROM \"{Table}\" WHERE \"UserId\" = @user AND \"Task\" = @task;";
            using var command = SqliteDatabase.Command(connection, sql, parameters:
                [new("@user", userId), new("@task", task), new("@owner", owner), new("@expires", now + (long)ttl.TotalMilliseconds), new("@now", now)]);
            var holder = Convert.ToString(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
            return holder == owner ? null : holder;
        }, cancellationToken);

    public Task<bool> RenewAsync(string userId, string task, string owner, TimeSpan ttl, CancellationToken cancellationToken = default) =>
        database.RunWriteAsync(Table, "RenewLease", async connection =>
        {
            var expires = time.GetUtcNow().ToUnixTimeMilliseconds() + (long)ttl.TotalMilliseconds;
            // The UPDATE alone: a count summed over a CREATE statement would include sqlite3_changes()
            // of the connection's previous write, and report a revoked lease as renewed.
            using (var create = SqliteDatabase.Command(connection, Create))
            {
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var command = SqliteDatabase.Command(connection,
                $"UPDATE \"{Table}\" SET \"Expires\" = @expires WHERE \"UserId\" = @user AND \"Task\" = @task AND \"Owner\" = @owner;",
                parameters: [new("@user", userId), new("@task", task), new("@owner", owner), new("@expires", expires)]);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task ReleaseAsync(string userId, string task, string owner, CancellationToken cancellationToken = default) =>
        database.RunWriteAsync(Table, "ReleaseLease", async connection =>
        {
            using var command = SqliteDatabase.Command(connection,
                Create + $" DELETE FROM \"{Table}\" WHERE \"UserId\" = @user AND \"Task\" = @task AND \"Owner\" = @owner;",
                parameters: [new("@user", userId), new("@task", task), new("@owner", owner)]);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task RevokeAsync(string userId, string? task, CancellationToken cancellationToken = default) =>
        database.RunWriteAsync(Table, "RevokeLease", async connection =>
        {
            using var command = SqliteDatabase.Command(connection,
                Create + $" DELETE FROM \"{Table}\" WHERE \"UserId\" = @user" + (task is null ? ";" : " AND \"Task\" = @task;"),
                parameters: task is null ? [new("@user", userId)] : [new("@user", userId), new("@task", task)]);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
}
