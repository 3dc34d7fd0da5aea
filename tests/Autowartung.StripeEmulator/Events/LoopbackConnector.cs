using System.Net;
using System.Net.Sockets;

namespace Autowartung.StripeEmulator.Events;

/// <summary>
/// Connects <c>localhost</c> and every <c>*.localhost</c> name to 127.0.0.1, as RFC 6761 says they are; .NET's
/// resolver asks DNS for <c>autowartung.localhost</c> and finds nothing. The URL (and so the Host header) stays as
/// configured, so the local nginx routes the webhook by its host name.
/// </summary>
public static class LoopbackConnector
{
    public static bool IsLoopbackName(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);

    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var target = context.DnsEndPoint;
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (IsLoopbackName(target.Host))
            {
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, target.Port), cancellationToken);
            }
            else
            {
                await socket.ConnectAsync(target, cancellationToken);
            }
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
