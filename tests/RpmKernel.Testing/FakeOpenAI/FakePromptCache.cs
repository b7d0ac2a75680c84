using System.Text.Json.Nodes;

namespace RpmKernel.Testing;

/// <summary>
/// OpenAI's automatic prompt caching, simulated: a prompt of at least <see cref="MinimumTokens"/>
/// tokens reports as cached the longest beginning it shares with a prompt seen before, counted from
/// <see cref="MinimumTokens"/> in steps of <see cref="Increment"/> tokens (1,024, 1,152, 1,280, ...),
/// and 0 when less than <see cref="MinimumTokens"/> are shared. As at OpenAI, the beginning includes the
/// model and the response format (its JSON schema), so a prompt with another schema shares nothing;
/// a token is a word, as in the fake's <c>prompt_tokens</c>, and the role of each message counts in the
/// match but not as a token. Nothing expires.
/// </summary>
internal sealed class FakePromptCache
{
    /// <summary>The shortest prompt, and the shortest shared beginning, that is cached.</summary>
    public const int MinimumTokens = 1024;

    /// <summary>Cached beginnings grow in steps of this many tokens.</summary>
    public const int Increment = 128;

    private readonly Lock _gate = new();
    private readonly HashSet<ulong> _seen = [];

    /// <summary>The cached tokens of <paramref name="conversation"/>; its own beginnings are remembered for the prompts after it.</summary>
    public int Read(ChatConversation conversation)
    {
        ArgumentNullException.ThrowIfNull(conversation);
        var boundaries = Boundaries(conversation);
        lock (_gate)
        {
            var cached = 0;
            foreach (var (tokens, hash) in boundaries)
            {
                if (!_seen.Add(hash))
                {
                    cached = tokens;
                }
            }

            return cached;
        }
    }

    // The hash of the prompt's beginning at every cache boundary it reaches.
    private static List<(int Tokens, ulong Hash)> Boundaries(ChatConversation conversation)
    {
        var request = conversation.Request;
        var hash = StableHash.Of(conversation.Model, (request["response_format"] as JsonObject)?.ToJsonString() ?? "text");
        hash = StableHash.Of(hash.ToString(System.Globalization.CultureInfo.InvariantCulture), (request["tools"] as JsonArray)?.ToJsonString() ?? "");
        var boundaries = new List<(int, ulong)>();
        var tokens = 0;
        foreach (var (role, content) in conversation.Messages)
        {
            hash = Step(hash, "\u0001" + role);
            foreach (var word in content.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            {
                hash = Step(hash, word);
                tokens++;
                if (tokens >= MinimumTokens && (tokens - MinimumTokens) % Increment == 0)
                {
                    boundaries.Add((tokens, hash));
                }
            }
        }

        return boundaries;
    }

    private static ulong Step(ulong hash, string token) => StableHash.Derive(hash ^ StableHash.Of(token), 0);
}
