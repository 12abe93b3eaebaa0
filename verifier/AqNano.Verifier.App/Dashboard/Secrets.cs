using System.Security.Cryptography;
using System.Text;

namespace AqNano.Verifier.App.Dashboard;

/// <summary>Passwords: compared in constant time, generated from the OS's CSPRNG when not given.</summary>
public static class Secrets
{
    public static bool Equal(string expected, string? given) =>
        given != null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(12)).Replace('+', 'x').Replace('/', 'y');
}
