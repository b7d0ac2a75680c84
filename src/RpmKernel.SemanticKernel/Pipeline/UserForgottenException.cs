namespace RpmKernel.SemanticKernel.Pipeline;

/// <summary>An ingest stopped because <c>forget</c> erased its user while it ran; it wrote nothing more and removed what it had just written.</summary>
public sealed class UserForgottenException : Exception
{
    /// <summary>Creates the exception for <paramref name="userId"/> and <paramref name="task"/>.</summary>
    public UserForgottenException(string userId, string task)
        : base($"User '{userId}' was forgotten while this ingest of task '{task}' ran; the ingest stopped and wrote nothing more. Ingest again if the user should be learned anew.")
    {
    }
}
