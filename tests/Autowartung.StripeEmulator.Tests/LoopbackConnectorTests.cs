using System.Net;
using System.Net.Sockets;
using System.Text;
using Autowartung.StripeEmulator.Events;

namespace Autowartung.StripeEmulator.Tests;

public sealed class LoopbackConnectorTests
{
    [Theory]
    [InlineData("localhost", true)]
    [InlineData("autowartung.localhost", true)]
    [InlineData("Witten.Autowartung.LOCALHOST", true)]
    [InlineData("localhost.example.de", false)]
    [InlineData("notlocalhost", false)]
    public void IsLoopbackName_ForHost_FollowsRfc6761(string host, bool loopback) =>
        Assert.Equal(loopback, LoopbackConnector.IsLoopbackName(host));

    [Fact]
    public async Task PrimaryHandler_WhenHostEndsInLocalhost_ReachesLoopbackKeepingTheHostHeader()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var served = ServeOnceAsync(listener);
        using var client = new HttpClient(WebhookDelivery.CreatePrimaryHandler());

        using var response = await client.PostAsync($"http://autowartung.localhost:{port}/webhooks/stripe", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains($"Host: autowartung.localhost:{port}", await served);
    }

    /// <summary>A minimal HTTP server: reads one request's head, answers 204.</summary>
    private static async Task<string> ServeOnceAsync(TcpListener listener)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        var stream = connection.GetStream();
        var head = new StringBuilder();
        var buffer = new byte[4096];
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer);
            if (read == 0)
            {
                break;
            }
            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }
        await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        return head.ToString();
    }
}
