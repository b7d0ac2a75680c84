using System.Text.Json;
using RpmKernel.Evaluation.Datasets;
using RpmKernel.SemanticKernel.Options;

namespace RpmKernel.Evaluation.Running;

/// <summary>
/// How many users a run without <c>--users</c> will evaluate, known before the first one starts so its
/// progress can show a percentage. A LaMP questions file (one user per entry, streamed) is counted in one
/// pass that skips over each entry without building it; GlobalOpinionQA and JSONL files are read whole by
/// their readers anyway, so their users are kept and counted.
/// </summary>
internal static class UserCount
{
    /// <summary>The number of users of <paramref name="work"/> (null when it cannot be told cheaply) and the users to run.</summary>
    public static async Task<(int? Total, IAsyncEnumerable<(long Index, EvalUser User)> Work)> CountAsync(
        EvalOptions options, IAsyncEnumerable<(long Index, EvalUser User)> work, CancellationToken cancellationToken)
    {
        var extension = Path.GetExtension(options.Questions).ToLowerInvariant();
        if (extension is ".csv" or ".jsonl")
        {
            var users = await work.ToListAsync(cancellationToken).ConfigureAwait(false);
            return (users.Count, users.ToAsyncEnumerable());
        }

        return (await CountLampEntriesAsync(options.Questions, new RpmLimitsOptions(), cancellationToken).ConfigureAwait(false), work);
    }

    /// <summary>
    /// The entries of a LaMP questions file, each stepped over token by token rather than built; null for a file
    /// the reader would refuse (too large, not a JSON array, broken), which the reader then reports with its own error.
    /// </summary>
    internal static Task<int?> CountLampEntriesAsync(string path, RpmLimitsOptions limits, CancellationToken cancellationToken)
    {
        var file = new FileInfo(path);
        if (!file.Exists || file.Length > limits.MaxHistoryFileBytes)
        {
            return Task.FromResult<int?>(null);
        }

        // The reader is synchronous (a ref struct cannot cross an await); a file of hundreds of MB takes a second or two.
        return Task.Run(() => CountEntries(path, cancellationToken), cancellationToken);
    }

    private static int? CountEntries(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var buffer = new byte[64 * 1024];
            var held = 0;
            var state = default(JsonReaderState);
            var count = 0;
            var sawArray = false;
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var read = stream.Read(buffer, held, buffer.Length - held);
                var final = read == 0;
                var reader = new Utf8JsonReader(buffer.AsSpan(0, held + read), final, state);
                while (reader.Read())
                {
                    if (reader.CurrentDepth == 0)
                    {
                        if (reader.TokenType == JsonTokenType.StartArray)
                        {
                            sawArray = true;
                        }
                        else if (reader.TokenType != JsonTokenType.EndArray)
                        {
                            return null;
                        }
                    }
                    else if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                    {
                        count++;
                    }
                }

                if (final)
                {
                    return sawArray ? count : null;
                }

                // Keep the bytes of a token cut by the end of the buffer; a token longer than the buffer grows it.
                state = reader.CurrentState;
                var consumed = (int)reader.BytesConsumed;
                held = held + read - consumed;
                Array.Copy(buffer, consumed, buffer, 0, held);
                if (held == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
