using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Autowartung.Testing;

/// <summary>
/// A maildev of a test's own, started as <c>./dev.sh</c> starts the stack's (the same binary from
/// <c>infra/devservers</c>), on ports nobody else uses, and stopped by its process id at the end.
/// </summary>
public sealed class MaildevServer : IAsyncDisposable
{
    private readonly Process _process;

    private MaildevServer(Process process, int smtpPort, int webPort)
    {
        (_process, SmtpPort, WebPort) = (process, smtpPort, webPort);
        Inbox = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{webPort}") };
    }

    public int SmtpPort { get; }

    public int WebPort { get; }

    /// <summary>Its REST API, for <see cref="Maildev.ToAsync"/>.</summary>
    public HttpClient Inbox { get; }

    /// <summary>A port on the loopback address where nothing listens at the moment.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts maildev with SMTP on <paramref name="smtpPort"/> and waits until both its ports answer.</summary>
    public static async Task<MaildevServer> StartAsync(int smtpPort)
    {
        var webPort = FreePort();
        var binary = Path.Combine(Repository.Root.FullName, "infra", "devservers", "node_modules", ".bin", "maildev");
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList = { "--ip", "127.0.0.1", "--web-ip", "127.0.0.1", "--smtp", smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
                             "--web", webPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--silent" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("maildev did not start.");
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.ErrorDataReceived += (_, line) => { if (line.Data is not null) output.Enqueue(line.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new MaildevServer(process, smtpPort, webPort);
        // Node takes a few seconds to start here, more on a busy machine.
        for (var i = 0; i < 600; i++)
        {
            if (await AnswersAsync(smtpPort) && await AnswersAsync(webPort)) return server;
            if (process.HasExited) break;
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"maildev did not listen on {smtpPort} and {webPort}: {string.Join(" / ", output)}");
    }

    public async ValueTask DisposeAsync()
    {
        Inbox.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }

    private static async Task<bool> AnswersAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
