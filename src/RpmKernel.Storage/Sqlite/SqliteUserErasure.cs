using Microsoft.Data.Sqlite;

namespace RpmKernel.Storage.Sqlite;

/// <summary>
/// Deletes one user's rows (of one task, or of all) from several tables in one transaction with
/// <c>secure_delete</c> on, then checkpoints and truncates the WAL, so no byte of the user is left in
/// the database file or its WAL: either every table forgets the user or none does.
/// </summary>
internal static class SqliteUserErasure
{
    public static Task<int[]> RunAsync(SqliteDatabase database, IReadOnlyList<string> tables, string userId, string? task, CancellationToken cancellationToken) =>
        database.RunWriteAsync(null, "ForgetUser", async connection =>
        {
            using (var pragma = SqliteDatabase.Command(connection, "PRAGMA secure_delete = ON;"))
            {
                await pragma.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            var counts = new int[tables.Count];
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                for (var i = 0; i < tables.Count; i++)
                {
                    if (!await SqliteSchema.TableExistsAsync(connection, transaction, tables[i], cancellationToken).ConfigureAwait(false))
                    {
                        continue;
                    }

                    var sql = $"DELETE FROM {SqliteSchema.Quote(tables[i])} WHERE \"UserId\" = @user" + (task is null ? ";" : " AND \"Task\" = @task;");
                    using var delete = SqliteDatabase.Command(connection, sql, transaction, task is null ? [new("@user", userId)] : [new("@user", userId), new("@task", task)]);
                    counts[i] = await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await SqliteWriteVersions.ForgetAsync(connection, transaction, userId, task, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            database.VectorCache.EvictUser(userId);

            // The zeroed pages go to the database file and the WAL is emptied; a reader in another
            // process can hold the checkpoint back, which is then finished by the next one.
            using (var checkpoint = SqliteDatabase.Command(connection, "PRAGMA wal_checkpoint(TRUNCATE);"))
            {
                await checkpoint.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return counts;
        }, cancellationToken);
}
