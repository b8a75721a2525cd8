// The HTTP and JSON namespaces the tests of a running node keep using.
global using System.Net;
global using System.Net.Http.Headers;
global using System.Net.Http.Json;
global using System.Text.Json;
