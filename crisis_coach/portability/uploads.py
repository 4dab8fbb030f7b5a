"""Stop storing an import upload as soon as it passes the limit, so an oversized file is never kept
in memory or spooled to disk in full; the rest of the body is read and dropped. The form's fields
before the file (the CSRF token) are still parsed. Installed before anything reads request.POST."""

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from crisis_coach.portability.schema import MAX_BYTES


class UploadSizeLimit(FileUploadHandler):
    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > MAX_BYTES:
            self.request.upload_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None
