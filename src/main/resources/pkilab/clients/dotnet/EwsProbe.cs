// What the Dynamics CRM E-mail Router does against Exchange Web Services, on this machine's
// .NET runtime: an HttpWebRequest POST of a GetFolder SOAP request, with a certificate
// validation callback that records what the runtime found and then keeps the runtime's own
// decision (accept only when SslPolicyErrors is None).
//
// argv: URL, address to dial, port to dial, timeout in seconds, trusted root PEM file(s)...
// The roots go into the CurrentUser Root store; the caller points HOME and XDG_CONFIG_HOME
// at a private folder, so no store of the machine or of the user is read or changed.
// Output: one "key: value" line per fact. Exit 0 accepted, 1 refused by TLS, 2 anything else.
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;

static class EwsProbe
{
    const string Soap =
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>" +
        "<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\"" +
        " xmlns:t=\"http://schemas.microsoft.com/exchange/services/2006/types\"" +
        " xmlns:m=\"http://schemas.microsoft.com/exchange/services/2006/messages\">" +
        "<soap:Header><t:RequestServerVersion Version=\"Exchange2010_SP1\"/></soap:Header>" +
        "<soap:Body><m:GetFolder><m:FolderShape><t:BaseShape>Default</t:BaseShape></m:FolderShape>" +
        "<m:FolderIds><t:DistinguishedFolderId Id=\"inbox\"/></m:FolderIds></m:GetFolder></soap:Body>" +
        "</soap:Envelope>";

    static bool called;
    static SslPolicyErrors seen = SslPolicyErrors.None;
    static readonly List<string> chainStatus = new List<string>();
    static readonly List<string> chainElements = new List<string>();

    static int Main(string[] args)
    {
        int code = Probe(args);
        Console.Out.Flush();
        // nothing left to wait for: a TLS provider thread must not keep the process alive
        Environment.Exit(code);
        return code;
    }

    static int Probe(string[] args)
    {
        if (args.Length < 5) {
            Console.Error.WriteLine("usage: EwsProbe.exe URL ADDRESS PORT TIMEOUT_SECONDS ROOT.pem...");
            return 2;
        }
        Uri url = new Uri(args[0]);
        string address = args[1];
        int port = int.Parse(args[2]);
        int timeout = int.Parse(args[3]) * 1000;
        try {
            TrustRoots(args, 4);
        } catch (Exception e) {
            Console.WriteLine("error: cannot load the trusted roots: " + e.Message);
            return 2;
        }

        // The lab's names resolve nowhere: dial the loopback address and keep the URL's
        // host as the Host header, which is also the name HttpWebRequest sends in SNI and
        // checks the certificate against.
        UriBuilder dial = new UriBuilder(url);
        dial.Host = address.Contains(":") ? "[" + address + "]" : address;
        dial.Port = port;
        HttpWebRequest req = (HttpWebRequest) WebRequest.Create(dial.Uri);
        req.Host = url.IsDefaultPort ? url.Host : url.Authority;
        req.Proxy = null;
        req.Method = "POST";
        req.ContentType = "text/xml; charset=utf-8";
        req.Headers.Add("SOAPAction", "\"http://schemas.microsoft.com/exchange/services/2006/messages/GetFolder\"");
        req.Timeout = timeout;
        req.ReadWriteTimeout = timeout;
        req.KeepAlive = false;
        ServicePointManager.ServerCertificateValidationCallback = Validate;
        // mutual TLS: the certificate the service account presents when the server asks for one,
        // as an E-mail Router configured for it adds it to ClientCertificates
        string p12 = Environment.GetEnvironmentVariable("PKILAB_CLIENT_P12");
        if (!string.IsNullOrEmpty(p12)) {
            try {
                req.ClientCertificates.Add(new X509Certificate2(p12, Environment.GetEnvironmentVariable("PKILAB_CLIENT_P12_PASSWORD")));
            } catch (Exception e) {
                Console.WriteLine("error: cannot load the client certificate " + p12 + ": " + OneLine(e.Message));
                return 2;
            }
        }

        Console.WriteLine("runtime: " + Runtime());
        try {
            byte[] body = Encoding.UTF8.GetBytes(Soap);
            req.ContentLength = body.Length;
            using (Stream s = req.GetRequestStream()) {
                s.Write(body, 0, body.Length);
            }
            using (HttpWebResponse resp = (HttpWebResponse) req.GetResponse()) {
                Report();
                Console.WriteLine("http: " + (int) resp.StatusCode + " " + resp.StatusDescription);
                Console.WriteLine("verdict: pass");
                return 0;
            }
        } catch (WebException e) {
            Report();
            HttpWebResponse resp = e.Response as HttpWebResponse;
            if (resp != null) {
                // the server answered over an accepted TLS session: the certificate passed
                Console.WriteLine("http: " + (int) resp.StatusCode + " " + resp.StatusDescription);
                Console.WriteLine("verdict: pass");
                return 0;
            }
            Console.WriteLine("webExceptionStatus: " + e.Status);
            Console.WriteLine("webExceptionMessage: " + OneLine(e.Message));
            for (Exception inner = e.InnerException; inner != null; inner = inner.InnerException) {
                Console.WriteLine("inner: " + inner.GetType().Name + ": " + OneLine(inner.Message));
            }
            bool refused = e.Status == WebExceptionStatus.TrustFailure || e.Status == WebExceptionStatus.SecureChannelFailure;
            Console.WriteLine("verdict: " + (refused ? "fail" : "error"));
            return refused ? 1 : 2;
        } catch (Exception e) {
            Report();
            Console.WriteLine("error: " + e.GetType().Name + ": " + OneLine(e.Message));
            Console.WriteLine("verdict: error");
            return 2;
        }
    }

    static bool Validate(object sender, X509Certificate certificate, X509Chain chain, SslPolicyErrors errors)
    {
        try {
            Record(chain, errors);
        } catch (Exception e) {
            chainStatus.Add("(cannot read the chain: " + e.GetType().Name + ": " + OneLine(e.Message) + ")");
        }
        // the runtime's own decision, as an application without its own policy makes it
        return errors == SslPolicyErrors.None;
    }

    static void Record(X509Chain chain, SslPolicyErrors errors)
    {
        called = true;
        seen = errors;
        if (chain != null) {
            foreach (X509ChainStatus s in chain.ChainStatus) {
                chainStatus.Add(s.Status + ": " + OneLine(s.StatusInformation));
            }
            foreach (X509ChainElement el in chain.ChainElements) {
                StringBuilder sb = new StringBuilder(el.Certificate.Subject);
                // Mono's BoringSSL chain leaves the per-element status empty (null)
                if (el.ChainElementStatus != null) {
                    foreach (X509ChainStatus s in el.ChainElementStatus) {
                        sb.Append(" [").Append(s.Status).Append("]");
                    }
                }
                chainElements.Add(sb.ToString());
            }
        }
    }

    static void Report()
    {
        if (!called) {
            Console.WriteLine("callback: not called");
            return;
        }
        Console.WriteLine("sslPolicyErrors: " + seen + " (" + (int) seen + ")");
        foreach (string s in chainStatus) {
            Console.WriteLine("chainStatus: " + s);
        }
        foreach (string e in chainElements) {
            Console.WriteLine("chainElement: " + e);
        }
    }

    // As Mono's cert-sync --user does: every root into the user's Trust store in both of
    // Mono's formats, the old one (read by Mono's managed X509Chain) and the new hashed one
    // (read by the BoringSSL-based TLS provider).
    static void TrustRoots(string[] args, int from)
    {
        foreach (Mono.Security.X509.X509Stores stores in new Mono.Security.X509.X509Stores[] {
                Mono.Security.X509.X509StoreManager.CurrentUser, Mono.Security.X509.X509StoreManager.NewCurrentUser }) {
            for (int i = from; i < args.Length; i++) {
                foreach (byte[] der in PemBlocks(File.ReadAllText(args[i]))) {
                    stores.TrustedRoot.Import(new Mono.Security.X509.X509Certificate(der));
                }
            }
        }
    }

    static IEnumerable<byte[]> PemBlocks(string pem)
    {
        const string begin = "-----BEGIN CERTIFICATE-----";
        const string end = "-----END CERTIFICATE-----";
        int at = 0;
        while ((at = pem.IndexOf(begin, at, StringComparison.Ordinal)) >= 0) {
            int stop = pem.IndexOf(end, at, StringComparison.Ordinal);
            if (stop < 0) {
                break;
            }
            string b64 = pem.Substring(at + begin.Length, stop - at - begin.Length);
            yield return Convert.FromBase64String(b64.Replace("\r", "").Replace("\n", "").Trim());
            at = stop + end.Length;
        }
    }

    static string Runtime()
    {
        Type mono = Type.GetType("Mono.Runtime");
        if (mono != null) {
            var name = mono.GetMethod("GetDisplayName", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static);
            if (name != null) {
                return "Mono " + name.Invoke(null, null);
            }
        }
        return ".NET " + Environment.Version;
    }

    static string OneLine(string s)
    {
        return s == null ? "" : s.Replace("\r", " ").Replace("\n", " ").Trim();
    }
}
