using System.Globalization;
using System.Text;
using RpmKernel.Core.Errors;

namespace RpmKernel.Core.Records;

/// <summary>
/// The one spelling of a user id: surrounding white space is trimmed and the id is put in Unicode
/// NFC, so <c>" alice"</c> and a decomposed <c>"é"</c> reach the same user as <c>"alice"</c> and
/// <c>"é"</c>. An id that would still look like another after compatibility normalisation (NFKC:
/// full-width letters, ligatures), or that holds control characters, is refused rather than made a
/// silent second user. Case is significant: <c>Alice</c> and <c>alice</c> are two users.
/// </summary>
public static class UserIdPolicy
{
    /// <summary>The canonical form of <paramref name="userId"/>.</summary>
    /// <param name="userId">The id as the host or command line gave it.</param>
    /// <param name="maxCharacters">The longest id accepted (<c>Rpm:Limits:MaxIdCharacters</c>).</param>
    /// <returns>The trimmed, NFC-normalised id.</returns>
    /// <exception cref="RpmInputException">The id is empty, too long, holds control characters or compatibility characters.</exception>
    public static string Canonical(string? userId, int maxCharacters)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCharacters);
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new RpmInputException("The user id is empty; pass --user ID (or the userId argument).");
        }

        // Checked before any normalisation allocates, so a huge id costs nothing.
        if (userId.Length > maxCharacters)
        {
            throw new RpmInputException(string.Create(CultureInfo.InvariantCulture,
                $"The user id has {userId.Length} characters; the limit is {maxCharacters} (Rpm:Limits:MaxIdCharacters). Use a shorter id."));
        }

        var trimmed = userId.Trim();
        if (trimmed.Any(char.IsControl))
        {
            throw new RpmInputException("The user id contains a control character (such as a tab or a line break); use printable characters only.");
        }

        if (!trimmed.IsNormalized(NormalizationForm.FormC))
        {
            trimmed = trimmed.Normalize(NormalizationForm.FormC);
        }

        if (!trimmed.IsNormalized(NormalizationForm.FormKC))
        {
            throw new RpmInputException(
                $"The user id holds compatibility characters (full-width letters, ligatures and the like) that would make it a second spelling of '{trimmed.Normalize(NormalizationForm.FormKC)}'; pass that spelling instead.");
        }

        return trimmed;
    }
}
