"""Contacts in and out of the network as the rest of the world keeps them: vCard files (a phone's
or Google's export), Google Contacts CSV and LinkedIn's Connections.csv in; one vCard 4.0 file out.

reading.py turns a file into rows (vobject and the csv module do the parsing), matching.py finds
which rows look like contacts already there, services.py keeps the job (network.ContactImport)
from upload to preview to the one transaction that saves it, and vcard.py writes the export.
The slow parts run in tasks (network/tasks.py), so no request waits on a long file.
"""
