namespace RpmKernel.AspNetCore.Auth;

/// <summary>Endpoint metadata naming the operation an endpoint performs, so a 403 can say which one the key lacks.</summary>
/// <param name="Operation">The operation.</param>
internal sealed record RpmOperationMetadata(RpmOperation Operation);
