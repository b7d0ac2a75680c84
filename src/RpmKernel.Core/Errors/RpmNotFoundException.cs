namespace RpmKernel.Core.Errors;

/// <summary>
/// Something asked for is not stored (a user with no ingested history for a task); a kind of
/// <see cref="RpmInputException"/>, so the command still exits 2, and a host can tell it apart to
/// name the store it looked in.
/// </summary>
public sealed class RpmNotFoundException : RpmInputException
{
    /// <summary>Creates the exception.</summary>
    public RpmNotFoundException() { }

    /// <summary>Creates the exception with a message that says what is missing and how to add it.</summary>
    public RpmNotFoundException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and the cause.</summary>
    public RpmNotFoundException(string message, Exception innerException) : base(message, innerException) { }
}
