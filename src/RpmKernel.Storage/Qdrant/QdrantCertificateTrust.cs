using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace RpmKernel.Storage.Qdrant;

/// <summary>
/// How the TLS certificate of a Qdrant server is trusted: by the system store (the default), by
/// the SHA-256 thumbprint of the certificate or one in its chain (a self-signed server), or by a
/// CA file trusted in place of the system store (a private CA). The host name is checked in every
/// case except a pinned thumbprint, which names one certificate exactly.
/// </summary>
internal static class QdrantCertificateTrust
{
    /// <summary>Whether <paramref name="thumbprint"/> is 64 hex digits once colons, hyphens and spaces are removed.</summary>
    internal static bool IsThumbprint(string thumbprint)
        => Normalize(thumbprint) is { Length: 64 } hex && hex.All(char.IsAsciiHexDigit);

    /// <summary>The validation callback of the options, or null to use the system store.</summary>
    internal static RemoteCertificateValidationCallback? Callback(QdrantStoreOptions options)
    {
        if (options.CertificateThumbprint is { } thumbprint)
        {
            var pinned = Normalize(thumbprint);
            return (_, certificate, chain, _) => Matches(certificate, pinned) || (chain?.ChainElements.Any(e => Matches(e.Certificate, pinned)) ?? false);
        }

        if (options.CaCertificateFile is { } file)
        {
            var roots = ReadCaFile(file);
            return (_, certificate, chain, errors) => certificate is not null
                && (errors & SslPolicyErrors.RemoteCertificateNameMismatch) == 0
                && ChainsTo(certificate, chain, roots);
        }

        return null;
    }

    private static string Normalize(string thumbprint)
        => new([.. thumbprint.Where(c => c is not (':' or '-' or ' '))]);

    private static bool Matches(X509Certificate? certificate, string thumbprint)
        => certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase);

    // The server's intermediates (from the handshake's chain) may link its certificate to the CA.
    private static bool ChainsTo(X509Certificate certificate, X509Chain? sent, X509Certificate2Collection roots)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (sent is not null)
        {
            foreach (var element in sent.ChainElements)
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        return certificate is X509Certificate2 leaf
            ? chain.Build(leaf)
            : chain.Build(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }

    /// <summary>The certificates of a PEM or DER file; <see cref="InvalidOperationException"/> when it holds none.</summary>
    internal static X509Certificate2Collection ReadCaFile(string file)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            if (File.ReadAllText(file).Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                certificates.ImportFromPemFile(file);
            }
            else
            {
                certificates.Add(X509CertificateLoader.LoadCertificateFromFile(file));
            }
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"The Qdrant CA certificate file '{file}' holds no readable certificate ({ex.Message}); give a PEM or DER file of the CA certificate.", ex);
        }

        return certificates.Count > 0
            ? certificates
            : throw new InvalidOperationException($"The Qdrant CA certificate file '{file}' holds no certificate; give a PEM or DER file of the CA certificate.");
    }
}
