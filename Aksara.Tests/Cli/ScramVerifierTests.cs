using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Aksara.Cli.Setup;

namespace Aksara.Tests.Cli;

/// <summary>The SCRAM-SHA-256 verifier dbsetup sends instead of a new role's password (no server needed).</summary>
public sealed class ScramVerifierTests
{
    private static readonly Regex Format = new(
        @"^SCRAM-SHA-256\$4096:(?<salt>[A-Za-z0-9+/]{22}==)\$(?<stored>[A-Za-z0-9+/]{43}=):(?<server>[A-Za-z0-9+/]{43}=)$");

    [Test]
    public void The_verifier_has_PostgreSQLs_format_with_a_16_byte_salt_and_32_byte_keys()
    {
        var verifier = ScramVerifier.Compute("Generated0Password1");
        var match = Format.Match(verifier);
        Assert.That(match.Success, Is.True, verifier);
        Assert.That(Convert.FromBase64String(match.Groups["salt"].Value), Has.Length.EqualTo(16));
    }

    [Test]
    public void Each_verifier_gets_a_new_random_salt()
    {
        var first = ScramVerifier.Compute("same-password");
        var second = ScramVerifier.Compute("same-password");
        Assert.That(first, Is.Not.EqualTo(second));
    }

    [Test]
    public void A_fixed_salt_gives_the_same_verifier_as_RFC_5802_computed_step_by_step()
    {
        const string password = "pencil-42_Ab";
        var salt = Enumerable.Range(1, 16).Select(i => (byte)(i * 15)).ToArray();

        var verifier = ScramVerifier.Compute(password, salt);

        Assert.That(verifier, Is.EqualTo(ScramVerifier.Compute(password, salt)), "deterministic for a fixed salt");
        Assert.That(verifier, Is.EqualTo(Reference(password, salt, 4096)));
        Assert.That(ScramVerifier.Compute(password, salt, iterations: 10), Is.EqualTo(Reference(password, salt, 10)));
    }

    [Test]
    public void Passwords_outside_ASCII_are_refused_rather_than_hashed_without_SASLprep()
    {
        var error = Assert.Throws<ArgumentException>(() => ScramVerifier.Compute("pässword"));
        Assert.That(error!.Message, Does.Contain("SASLprep").And.Not.Contain("pässword"));
    }

    [Test]
    public void The_CREATE_ROLE_statement_carries_the_verifier_and_never_the_password()
    {
        const string password = "Abcdefghijklmnopqrstuvwxyz012345";
        var sql = DatabaseSetup.CreateRoleSql("shop_app", password);

        Assert.That(sql, Does.StartWith("CREATE ROLE \"shop_app\" LOGIN PASSWORD 'SCRAM-SHA-256$4096:"));
        Assert.That(sql, Does.Not.Contain(password));
        Assert.That(Format.IsMatch(sql[(sql.IndexOf('\'') + 1)..^1]), Is.True, sql);
    }

    /// <summary>
    /// RFC 5802's definitions written out independently of <see cref="ScramVerifier"/>, PBKDF2 included (RFC 8018:
    /// one block, since SHA-256's 32 bytes are the length wanted).
    /// </summary>
    private static string Reference(string password, byte[] salt, int iterations)
    {
        using var prf = new HMACSHA256(Encoding.UTF8.GetBytes(password));
        var u = prf.ComputeHash([.. salt, 0, 0, 0, 1]);
        var saltedPassword = (byte[])u.Clone();
        for (var i = 1; i < iterations; i++)
        {
            u = prf.ComputeHash(u);
            for (var b = 0; b < saltedPassword.Length; b++)
                saltedPassword[b] ^= u[b];
        }
        using var hmac = new HMACSHA256(saltedPassword);
        var clientKey = hmac.ComputeHash(Encoding.ASCII.GetBytes("Client Key"));
        var serverKey = hmac.ComputeHash(Encoding.ASCII.GetBytes("Server Key"));
        var storedKey = SHA256.HashData(clientKey);
        return "SCRAM-SHA-256$" + iterations + ":" + Convert.ToBase64String(salt) + "$" + Convert.ToBase64String(storedKey) + ":" + Convert.ToBase64String(serverKey);
    }
}
