using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace AqNano.Verifier.Evidence;

/// <summary>Revoked serials from X.509 CRLs (RFC 5280 section 5), PEM ("X509 CRL" blocks, several allowed) or
/// one DER CRL. Each CRL must be signed by one of the configured trusted issuers (ECDSA or RSA PKCS#1 v1.5
/// with SHA-256/384/512): an unsigned or foreign list could revoke anything. Entries are kept per issuer, so
/// a serial only counts against certificates of the issuer that revoked it.</summary>
public sealed class CertificateRevocationList
{
    private readonly HashSet<string> _entries = new(StringComparer.Ordinal);
    // Per issuer (name DER, hex): the earliest nextUpdate of its lists here. Past it, the list may be missing
    // revocations its issuer has since made (RFC 5280 5.1.2.5), so it no longer vouches for a serial's absence.
    private readonly Dictionary<string, long> _nextUpdates = new(StringComparer.Ordinal);

    public static CertificateRevocationList Empty { get; } = new();

    /// <summary>Revoked serials across all issuers.</summary>
    public int Count => _entries.Count;

    public bool Contains(X500DistinguishedName issuer, ReadOnlySpan<byte> serialBigEndian) =>
        _entries.Contains(Key(issuer.RawData, serialBigEndian));

    /// <summary>When this issuer's list here says its next one is due (unix ms); null when no list of the issuer is
    /// here, or its list names no nextUpdate.</summary>
    public long? NextUpdateOf(X500DistinguishedName issuer) =>
        _nextUpdates.TryGetValue(Convert.ToHexStringLower(issuer.RawData), out long due) ? due : null;

    public static bool TryParse(byte[] file, IReadOnlyList<X509Certificate2> trustedIssuers, out CertificateRevocationList crl, out string error)
    {
        crl = new CertificateRevocationList();
        error = "";
        var ders = new List<byte[]>();
        string text = System.Text.Encoding.ASCII.GetString(file);
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            ReadOnlySpan<char> rest = text;
            while (PemEncoding.TryFind(rest, out PemFields fields))
            {
                if (rest[fields.Label].SequenceEqual("X509 CRL")) ders.Add(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
                rest = rest[fields.Location.End.Value..];
            }
            if (ders.Count == 0) { error = "no \"X509 CRL\" PEM block in the file"; return false; }
        }
        else
        {
            ders.Add(file);
        }
        foreach (byte[] der in ders)
        {
            try
            {
                if (!crl.TryAdd(der, trustedIssuers, out error)) return false;
            }
            catch (Exception exception) when (exception is AsnContentException or CryptographicException or FormatException)
            {
                error = "not an X.509 CRL: " + exception.Message;
                return false;
            }
        }
        return true;
    }

    private bool TryAdd(byte[] der, IReadOnlyList<X509Certificate2> trustedIssuers, out string error)
    {
        var outer = new AsnReader(der, AsnEncodingRules.DER);
        AsnReader list = outer.ReadSequence();
        outer.ThrowIfNotEmpty();
        ReadOnlyMemory<byte> signed = list.PeekEncodedValue();
        AsnReader tbs = list.ReadSequence();
        string algorithm = list.ReadSequence().ReadObjectIdentifier();
        byte[] signature = list.ReadBitString(out _);
        if (tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Integer)) tbs.ReadInteger(); // version v2
        tbs.ReadSequence(); // the signature algorithm again (RFC 5280 5.1.2.2: equal to the outer one)
        byte[] issuer = tbs.ReadEncodedValue().ToArray();
        ReadTime(tbs); // thisUpdate
        long? nextUpdate = tbs.HasData && IsTime(tbs.PeekTag()) ? ReadTime(tbs) : null;
        X509Certificate2? signer = trustedIssuers.FirstOrDefault(ca => ca.SubjectName.RawData.AsSpan().SequenceEqual(issuer));
        if (signer == null)
        {
            error = $"the CRL's issuer '{new X500DistinguishedName(issuer).Name}' is not among the trusted issuers (--client-ca)";
            return false;
        }
        if (!SignatureHolds(signer, algorithm, signed.Span, signature, out error)) return false;
        if (nextUpdate is long due)
        {
            string issuerKey = Convert.ToHexStringLower(issuer);
            _nextUpdates[issuerKey] = _nextUpdates.TryGetValue(issuerKey, out long known) ? Math.Min(known, due) : due;
        }
        if (tbs.HasData && tbs.PeekTag().HasSameClassAndValue(Asn1Tag.Sequence))
        {
            AsnReader revoked = tbs.ReadSequence();
            while (revoked.HasData)
            {
                AsnReader entry = revoked.ReadSequence();
                _entries.Add(Key(issuer, entry.ReadIntegerBytes().Span));
            }
        }
        return true;
    }

    private static bool SignatureHolds(X509Certificate2 signer, string algorithm, ReadOnlySpan<byte> signed, byte[] signature, out string error)
    {
        error = "";
        HashAlgorithmName? hash = algorithm switch
        {
            "1.2.840.10045.4.3.2" or "1.2.840.113549.1.1.11" => HashAlgorithmName.SHA256,
            "1.2.840.10045.4.3.3" or "1.2.840.113549.1.1.12" => HashAlgorithmName.SHA384,
            "1.2.840.10045.4.3.4" or "1.2.840.113549.1.1.13" => HashAlgorithmName.SHA512,
            _ => null,
        };
        if (hash is not HashAlgorithmName name) { error = $"CRL signature algorithm {algorithm} is not supported (ECDSA or RSA PKCS#1 v1.5 with SHA-2)"; return false; }
        bool holds;
        if (algorithm.StartsWith("1.2.840.10045", StringComparison.Ordinal))
        {
            using ECDsa? key = signer.GetECDsaPublicKey();
            holds = key != null && key.VerifyData(signed, signature, name, DSASignatureFormat.Rfc3279DerSequence);
        }
        else
        {
            using RSA? key = signer.GetRSAPublicKey();
            holds = key != null && key.VerifyData(signed, signature, name, RSASignaturePadding.Pkcs1);
        }
        if (!holds) error = $"the CRL's signature does not verify with the key of '{signer.Subject}'";
        return holds;
    }

    private static bool IsTime(Asn1Tag tag) =>
        tag.HasSameClassAndValue(Asn1Tag.UtcTime) || tag.HasSameClassAndValue(Asn1Tag.GeneralizedTime);

    private static long ReadTime(AsnReader reader) =>
        (reader.PeekTag().HasSameClassAndValue(Asn1Tag.UtcTime) ? reader.ReadUtcTime() : reader.ReadGeneralizedTime()).ToUnixTimeMilliseconds();

    /// <summary>Issuer name DER and the serial without leading zero bytes (an INTEGER may carry one for its sign).</summary>
    private static string Key(ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serial)
    {
        while (serial.Length > 1 && serial[0] == 0) serial = serial[1..];
        return Convert.ToHexStringLower(issuer) + "/" + Convert.ToHexStringLower(serial);
    }
}
