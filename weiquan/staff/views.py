from django.contrib.auth.decorators import login_required
from django.http import HttpResponse


@login_required
def my_work(request):
    return HttpResponse("my work")
