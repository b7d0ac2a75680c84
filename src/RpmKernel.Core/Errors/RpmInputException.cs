namespace RpmKernel.Core.Errors;

/// <summary>
/// Bad input, configuration or usage: the message says what is wrong and how to fix it.
/// The command maps it to exit code 2.
/// </summary>
public class RpmInputException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RpmInputException() { }

    /// <summary>Creates the exception with a message that says what is wrong and how to fix it.</summary>
    public RpmInputException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public RpmInputException(string message, Exception innerException) : base(message, innerException) { }
}
