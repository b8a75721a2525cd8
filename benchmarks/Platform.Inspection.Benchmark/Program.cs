Console.WriteLine("Inspection benchmark: not written yet.");
