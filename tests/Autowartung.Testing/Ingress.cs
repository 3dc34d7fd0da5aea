using System.Net;
using System.Net.Sockets;

namespace Autowartung.Testing;

/// <summary>
/// The running local stack behind its nginx ingress, as `./dev.sh up` starts it. .NET does not resolve
/// <c>*.localhost</c> names the way browsers and curl do, so this client connects to loopback and keeps
/// the city's host name in the request.
/// </summary>
public static class Ingress
{
    public static string BaseDomain { get; } = Environment.GetEnvironmentVariable("AUTOWARTUNG_BASE_DOMAIN") ?? "autowartung.localhost";

    public static int Port { get; } = int.Parse(Environment.GetEnvironmentVariable("AUTOWARTUNG_INGRESS_PORT") ?? "8080");

    public static Uri Url(string? subdomain, string path = "/") =>
        new($"http://{(subdomain is null ? "" : subdomain + ".")}{BaseDomain}:{Port}{path}");

    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (context, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, context.DnsEndPoint.Port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    });
}
