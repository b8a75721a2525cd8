Console.WriteLine("Notification benchmark: not written yet.");
