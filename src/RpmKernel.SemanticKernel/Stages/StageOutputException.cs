namespace RpmKernel.SemanticKernel.Stages;

/// <summary>A model reply that does not satisfy its stage's contract; the message is fed back to the model.</summary>
internal sealed class StageOutputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StageOutputException() { }

    /// <summary>Creates the exception with the validation error.</summary>
    public StageOutputException(string message) : base(message) { }

    /// <summary>Creates the exception with the validation error and its cause.</summary>
    public StageOutputException(string message, Exception innerException) : base(message, innerException) { }
}
