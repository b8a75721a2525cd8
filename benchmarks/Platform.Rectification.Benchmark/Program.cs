Console.WriteLine("Rectification benchmark: not written yet.");
