namespace RpmKernel.Evaluation.Methods;

/// <summary>One way of answering a user's target queries: a baseline prompt or a rung of the RPM ladder.</summary>
internal abstract class EvalMethod
{
    /// <summary>Creates a method answering with <paramref name="services"/>.</summary>
    protected EvalMethod(string name, EvalServices services)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(services);
        Name = name;
        Services = services;
    }

    /// <summary>The method name (<c>zero-shot</c>, <c>rag-bm25</c>, <c>rpmk</c>, ...).</summary>
    public string Name { get; }

    /// <summary>The runtime pieces the method answers with.</summary>
    protected EvalServices Services { get; }

    /// <summary>True when the method reads the user's ingested RPM state (records and user model).</summary>
    public virtual bool NeedsIngest => false;

    /// <summary>The prompt files and versions the method answers with, for the report.</summary>
    public abstract IReadOnlyList<string> Prompts { get; }

    /// <summary>Answers one target query for the user.</summary>
    public abstract Task<MethodAnswer> AnswerAsync(UserContext user, Datasets.EvalTarget target, CancellationToken cancellationToken);
}
