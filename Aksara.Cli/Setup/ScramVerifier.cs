using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Aksara.Cli.Setup;

/// <summary>
/// A SCRAM-SHA-256 verifier in the form PostgreSQL stores in <c>pg_authid.rolpassword</c>
/// (<c>SCRAM-SHA-256$&lt;iterations&gt;:&lt;salt&gt;$&lt;StoredKey&gt;:&lt;ServerKey&gt;</c>, RFC 5802 and RFC 7677), computed
/// the way libpq's <c>PQencryptPasswordConn</c> does. <c>CREATE ROLE … PASSWORD</c> given a verifier stores it as it
/// is, so the password itself never reaches the server, its statement log or <c>pg_stat_activity</c>.
/// </summary>
/// <remarks>
/// Written by hand from the framework's PBKDF2, HMAC and SHA-256: Npgsql only implements the client side of the
/// SCRAM exchange and exposes no verifier, and no maintained package does this one step.
/// PostgreSQL normalizes a password with SASLprep (RFC 4013) before hashing it, except that a pure-ASCII password is
/// used as it is (<c>pg_saslprep</c> returns it unchanged), so for any ASCII password its bytes are exactly what the
/// server hashes. This type does not implement SASLprep and refuses passwords with other characters rather than
/// compute a verifier that might not match.
/// </remarks>
internal static class ScramVerifier
{
    /// <summary>The iteration count libpq and PostgreSQL use by default (<c>scram_iterations</c>).</summary>
    internal const int DefaultIterations = 4096;

    internal const int SaltLength = 16;

    internal const string Prefix = "SCRAM-SHA-256$";

    /// <summary>A verifier for <paramref name="password"/> with a new random 16-byte salt.</summary>
    internal static string Compute(string password) => Compute(password, RandomNumberGenerator.GetBytes(SaltLength));

    /// <summary>The verifier for <paramref name="password"/> with the salt and iteration count given (deterministic).</summary>
    internal static string Compute(string password, ReadOnlySpan<byte> salt, int iterations = DefaultIterations)
    {
        ArgumentException.ThrowIfNullOrEmpty(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        if (salt.IsEmpty)
            throw new ArgumentException("The salt must not be empty.", nameof(salt));
        if (!Ascii.IsValid(password))
        {
            throw new ArgumentException(
                "Only ASCII passwords can be turned into a SCRAM verifier here: other characters need SASLprep (RFC 4013), which is not implemented.",
                nameof(password));
        }

        var passwordBytes = Encoding.ASCII.GetBytes(password);
        Span<byte> saltedPassword = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> clientKey = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> storedKey = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> serverKey = stackalloc byte[HMACSHA256.HashSizeInBytes];
        try
        {
            Rfc2898DeriveBytes.Pbkdf2(passwordBytes, salt, saltedPassword, iterations, HashAlgorithmName.SHA256);
            HMACSHA256.HashData(saltedPassword, "Client Key"u8, clientKey);
            SHA256.HashData(clientKey, storedKey);
            HMACSHA256.HashData(saltedPassword, "Server Key"u8, serverKey);
            return string.Create(CultureInfo.InvariantCulture,
                $"{Prefix}{iterations}:{Convert.ToBase64String(salt)}${Convert.ToBase64String(storedKey)}:{Convert.ToBase64String(serverKey)}");
        }
        finally
        {
            CryptographicOperations.ZeroMemory(passwordBytes);
            CryptographicOperations.ZeroMemory(saltedPassword);
            CryptographicOperations.ZeroMemory(clientKey);
        }
    }
}
