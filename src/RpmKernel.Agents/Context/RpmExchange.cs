using Microsoft.Agents.AI;
using Microsoft.Extensions.AI;
using RpmKernel.Core.Scopes;

namespace RpmKernel.Agents.Context;

/// <summary>One successful agent run, as <see cref="RpmContextProviderOptions.LearnFrom"/> sees it.</summary>
public sealed class RpmExchange
{
    internal RpmExchange(RpmScope scope, AgentSession? session, IReadOnlyList<ChatMessage> requestMessages, IReadOnlyList<ChatMessage> responseMessages)
    {
        Scope = scope;
        Session = session;
        RequestMessages = requestMessages;
        ResponseMessages = responseMessages;
        Query = requestMessages.LastOrDefault(m => m.Role == ChatRole.User && !string.IsNullOrWhiteSpace(m.Text))?.Text;
        Response = string.Join("\n", responseMessages.Where(m => m.Role == ChatRole.Assistant && !string.IsNullOrWhiteSpace(m.Text)).Select(m => m.Text));
    }

    /// <summary>The user and task bound to the session.</summary>
    public RpmScope Scope { get; }

    /// <summary>The agent session of the run, or null when the run had none.</summary>
    public AgentSession? Session { get; }

    /// <summary>The caller's messages of the run (not chat history, not context added by providers).</summary>
    public IReadOnlyList<ChatMessage> RequestMessages { get; }

    /// <summary>The agent's response messages.</summary>
    public IReadOnlyList<ChatMessage> ResponseMessages { get; }

    /// <summary>The text of the caller's last user message, or null when it had none.</summary>
    public string? Query { get; }

    /// <summary>The text of the agent's response.</summary>
    public string Response { get; }
}
