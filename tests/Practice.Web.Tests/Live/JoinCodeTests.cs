using Practice.Web.Drawing;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;
using ZXing;
using ZXing.Common;

namespace Practice.Web.Tests.Live;

/// <summary>The console's QR code, read back by an independent decoder (ZXing) as a phone's camera would.</summary>
public sealed class JoinCodeTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5080/live?code=WZ7T6K")]
    [InlineData("https://practice.example.org/live?code=ABCDEF")]
    public void TheQrCodeOpensTheJoinLink(string link)
    {
        var uri = JoinCode.QrDataUri(link);
        Assert.StartsWith("data:image/png;base64,", uri, StringComparison.Ordinal);
        using var image = Image.Load<Rgba32>(Convert.FromBase64String(uri["data:image/png;base64,".Length..]));
        var luminance = new byte[image.Width * image.Height];
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y++)
            {
                var row = rows.GetRowSpan(y);
                for (var x = 0; x < row.Length; x++)
                {
                    luminance[(y * image.Width) + x] = (byte)((row[x].R + row[x].G + row[x].B) / 3);
                }
            }
        });

        var read = new MultiFormatReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(luminance, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8))),
            new Dictionary<DecodeHintType, object> { [DecodeHintType.POSSIBLE_FORMATS] = new[] { BarcodeFormat.QR_CODE } });

        Assert.NotNull(read);
        Assert.Equal(link, read.Text);
    }
}
