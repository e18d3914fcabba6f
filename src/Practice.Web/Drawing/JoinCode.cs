using QRCoder;

namespace Practice.Web.Drawing;

/// <summary>The join link as a QR code for the projector: a PNG data URI (the content security policy allows data: images).</summary>
public static class JoinCode
{
    public static string QrDataUri(string link)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(link, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(8));
    }
}
