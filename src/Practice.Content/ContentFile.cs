using System.Security.Cryptography;
using System.Text;

namespace Practice.Content;

/// <summary>A file as read from disk: its path (as given), its text and the SHA-256 of its bytes.</summary>
public sealed record ContentFile(string Path, string Text, string Hash)
{
    public static ContentFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return FromBytes(path, bytes);
    }

    public static ContentFile FromText(string path, string text) => FromBytes(path, Encoding.UTF8.GetBytes(text));

    public static ContentFile FromBytes(string path, byte[] bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetString(bytes);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        // Positions count lines by '\n'; a Windows file's '\r' stays at the end of its lines.
        return new ContentFile(path, text, hash);
    }
}
