namespace RpmKernel.Core.Errors;

/// <summary>The model's output stayed invalid after every repair attempt.</summary>
public class RpmModelOutputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpmModelOutputException() { }

    /// <summary>Creates the exception with a message naming the stage and the validation error.</summary>
    public RpmModelOutputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public RpmModelOutputException(string message, Exception innerException) : base(message, innerException) { }
}
