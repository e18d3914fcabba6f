using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Practice.Web.Infrastructure;

/// <summary>
/// A secret handed out once (an invite link, a live session seat): 32 random bytes, base64url.
/// Only its SHA-256 is stored, so the database alone cannot be used to take what it opens.
/// </summary>
public static class SecretToken
{
    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));
}
